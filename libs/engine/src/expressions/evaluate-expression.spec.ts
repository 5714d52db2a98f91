import { configureExpressionLimits, evaluateExpression } from './evaluate-expression.js';
import { DEFAULT_EXPRESSION_LIMITS } from './expression-limits.js';

const RECURSIVE = '($f := function($n) { $f($n + 1) }; $f(0))';
const SPIN = '($loop := function($n) { $n > 0 ? $loop($n - 1) : 0 }; [1..200] ~> $map(function($i) { $loop(400) }))';

describe('evaluateExpression limits', () => {
  afterEach(() => configureExpressionLimits(DEFAULT_EXPRESSION_LIMITS));

  it('evaluates ordinary expressions', async () => {
    await expect(evaluateExpression('$sum(items.price) * 2', { items: [{ price: 2 }, { price: 3 }] })).resolves.toBe(
      10,
    );
  });

  it('stops unbounded recursion with a non-retryable EXPRESSION_LIMIT', async () => {
    await expect(evaluateExpression(RECURSIVE, {})).rejects.toMatchObject({
      code: 'EXPRESSION_LIMIT',
      retryable: false,
    });
  });

  it('refuses a range larger than the item limit before building it', async () => {
    await expect(evaluateExpression('$count([1..5000000])', {})).rejects.toMatchObject({ code: 'EXPRESSION_LIMIT' });
    await expect(evaluateExpression('$count([1..1000])', {})).resolves.toBe(1000);
  });

  it('stops a long computation at its time budget and keeps the event loop turning meanwhile', async () => {
    configureExpressionLimits({ timeoutMs: 300 });
    const gaps: number[] = [];
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 5);
    const started = performance.now();
    try {
      await expect(evaluateExpression(SPIN, {})).rejects.toMatchObject({ code: 'EXPRESSION_LIMIT' });
    } finally {
      clearInterval(ticker);
    }
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(gaps.length).toBeGreaterThan(5);
    // The timer above fires every 5 ms; a frozen loop would show one gap as long as the budget.
    expect(Math.max(...gaps)).toBeLessThan(100);
  });
});
