import { Injectable } from '@nestjs/common';
import { onlyWarnings, type ValidationProblem, type ValidationResult, WorkflowEngine } from '@baton/engine';
import { WORKFLOW_FORMATS, type WorkflowFormat } from '@baton/persistence';
import { checkDefinitionShape } from './check-definition-shape';
import { CredentialReferenceChecker } from './credential-reference-checker';
import { WORKFLOW_LIMITS } from './dto/workflow-limits';
import { invalidDefinition, rootAtDefinition } from './invalid-definition.error';

/**
 * The checks a definition passes on validate, save and run: size, structure, then the engine's
 * interpreter for its format (node types, handles, reachability, cycles, node limit; for ASL its
 * own rules once that interpreter is registered), and in a workspace the credentials its nodes
 * name. Problem paths are rooted at the request body.
 */
@Injectable()
export class DefinitionValidator {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly credentialReferences: CredentialReferenceChecker,
  ) {}

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

  /** `check`, then each credential a node names: in this workspace, of a kind the node accepts. */
  async checkInWorkspace(workspaceId: string, format: string, definition: unknown): Promise<ValidationResult> {
    const problems = this.findProblems(format, definition);
    // An oversized or shapeless definition is not worth a database round trip.
    if (format === 'graph' && !problems.some((problem) => problem.path === 'definition'))
      problems.push(...(await this.credentialReferences.findProblems(workspaceId, definition)));
    return { valid: onlyWarnings(problems), problems };
  }

  /** `assertValid` with the workspace's credential checks: the save, run and test-run path. */
  async assertValidInWorkspace(workspaceId: string, format: string, definition: unknown): Promise<void> {
    const { valid, problems } = await this.checkInWorkspace(workspaceId, format, definition);
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
    // A stored format without an interpreter gets the shape check alone. Otherwise a broken shape
    // must not hide the interpreter's problems elsewhere (issue 15): both lists, the interpreter's
    // without what a shape problem already says about the same field.
    if (!this.engine.supportsFormat(format) || (shape.length && !isObject(definition))) return shape;
    const deeper = rootAtDefinition(this.engine.validateDefinition(format, definition).problems);
    return [...shape, ...deeper.filter((problem) => !shape.some((known) => covers(known.path, problem.path)))];
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a problem at `outer` already names the fault at `path` (the same field or one inside it). */
function covers(outer: string, path: string): boolean {
  return path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);
}
