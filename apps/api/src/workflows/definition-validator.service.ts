import { Injectable } from '@nestjs/common';
import { onlyWarnings, type ValidationProblem, type ValidationResult, WorkflowEngine } from '@baton/engine';
import { WORKFLOW_FORMATS, type WorkflowFormat } from '@baton/persistence';
import { checkDefinitionShape } from './check-definition-shape';
import { WORKFLOW_LIMITS } from './dto/workflow-limits';
import { invalidDefinition, rootAtDefinition } from './invalid-definition.error';

/**
 * The checks a definition passes on validate, save and run: size, structure, then the engine's
 * interpreter for its format (node types, handles, reachability, cycles, node limit; for ASL its
 * own rules once that interpreter is registered). Problem paths are rooted at the request body.
 */
@Injectable()
export class DefinitionValidator {
  constructor(private readonly engine: WorkflowEngine) {}

  check(format: string, definition: unknown): ValidationResult {
    const problems = this.findProblems(format, definition);
    // Warnings (e.g. an ASL callback task without a timeout) are reported but do not refuse the definition.
    return { valid: onlyWarnings(problems), problems };
  }

  /** Throws the one "invalid definition" 400 listing every problem. */
  assertValid(format: string, definition: unknown): void {
    const { valid, problems } = this.check(format, definition);
    if (!valid) throw invalidDefinition(problems);
  }

  private findProblems(format: string, definition: unknown): ValidationProblem[] {
    const stored = (WORKFLOW_FORMATS as readonly string[]).includes(format);
    if (!stored && !this.engine.supportsFormat(format))
      return this.engine.validateDefinition(format, definition).problems;
    if (JSON.stringify(definition ?? null).length > WORKFLOW_LIMITS.definitionBytes) {
      return [{ path: 'definition', message: `must be at most ${WORKFLOW_LIMITS.definitionBytes} bytes of JSON` }];
    }
    const shape = stored ? checkDefinitionShape(format as WorkflowFormat, definition) : [];
    // Past a broken shape the interpreter would only repeat the same faults in other words. A
    // stored format without an interpreter yet (ASL until it is registered) gets the shape check.
    if (shape.length || !this.engine.supportsFormat(format)) return shape;
    return rootAtDefinition(this.engine.validateDefinition(format, definition).problems);
  }
}
