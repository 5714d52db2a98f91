import { describe, expect, it } from '@jest/globals';
import type { FormField } from '../trigger-config';
import { buildTriggerConfig } from '../build-trigger-config';
import { escapeHtml, renderFormPage } from './render-form-page';
import { validateFormSubmission } from './validate-form-submission';

const fields: FormField[] = [
  { name: 'email', label: 'Email', type: 'email', required: true },
  { name: 'age', label: 'Age', type: 'number', min: 18, max: 120 },
  { name: 'plan', label: 'Plan', type: 'select', options: ['basic', 'pro'], required: true },
  { name: 'terms', label: 'I accept the terms', type: 'checkbox', required: true },
  { name: 'code', label: 'Code', type: 'text', pattern: '[A-Z]{3}' },
];

describe('form submissions', () => {
  it('types the values of a valid submission', () => {
    const result = validateFormSubmission(fields, {
      email: ' a@b.co ',
      age: '30',
      plan: 'pro',
      terms: 'true',
      code: '',
    });
    expect(result.errors).toEqual({});
    expect(result.values).toEqual({ email: 'a@b.co', age: 30, plan: 'pro', terms: true, code: null });
  });

  it('reports every invalid field by its label', () => {
    const result = validateFormSubmission(fields, { email: 'nope', age: '12', plan: 'gold', code: 'abc' });
    expect(result.errors).toEqual({
      email: 'Email must be an email address, like name@example.com',
      age: 'Age must be at least 18',
      plan: 'Plan must be one of the listed choices',
      terms: 'I accept the terms must be checked',
      code: 'Code is not in the expected format',
    });
  });

  it('matches patterns in linear time: a catastrophic-backtracking pattern answers at once (ReDoS)', () => {
    const evil: FormField[] = [{ name: 'x', label: 'X', type: 'text', pattern: '(a+)+b' }];
    const started = performance.now();
    // With a backtracking engine, 40 characters take hours; RE2 takes microseconds.
    expect(validateFormSubmission(evil, { x: 'a'.repeat(40) }).errors).toEqual({
      x: 'X is not in the expected format',
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(validateFormSubmission(evil, { x: 'aaab' }).errors).toEqual({});
  });

  it('refuses patterns that need backtracking when the form is saved, naming the field', () => {
    expect(() =>
      buildTriggerConfig(
        { type: 'form', fields: [{ name: 'x', label: 'X', type: 'text', pattern: '(a)\\1' }] } as never,
        { minIntervalSeconds: 60, now: new Date() },
      ),
    ).toThrow(/fields\.0\.pattern: is not a regular expression Baton can match in linear time/);
  });

  it('ties errors to controls and escapes user text', () => {
    const html = renderFormPage({
      title: '<b>Sign up</b>',
      action: '/api/forms/t',
      fields: [{ name: 'email', label: 'Email <you>', type: 'email', required: true, help: 'We reply here' }],
      values: { email: '"><script>alert(1)</script>' },
      errors: { email: 'Email must be an email address' },
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain(escapeHtml('"><script>alert(1)</script>'));
    expect(html).toContain('<h1>&lt;b&gt;Sign up&lt;/b&gt;</h1>');
    expect(html).toContain('<label for="field-email">Email &lt;you&gt; <span>(required)</span></label>');
    expect(html).toContain('aria-describedby="field-email-help field-email-error"');
    expect(html).toContain('<p class="error" id="field-email-error">Email must be an email address</p>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('role="alert"');
  });
});
