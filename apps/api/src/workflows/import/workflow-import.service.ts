import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError, NodeRegistry } from '@baton/engine';
import { mapSeedWorkflow, type SeedWorkflowImport } from '@baton/nodes';
import type { TriggerRecord, WorkflowRecord } from '@baton/persistence';
import type { Principal } from '../../auth/principal';
import { DomainError, validationFailed } from '../../common/domain.error';
import { BATON_CONFIG } from '../../config/baton-config.token';
import type { BatonConfig } from '../../config/baton-config';
import { buildTriggerConfig } from '../../triggers/build-trigger-config';
import { TriggerClock } from '../../triggers/trigger-clock';
import { TriggersService } from '../../triggers/triggers.service';
import { WorkflowsService } from '../workflows.service';
import type { ImportSeedWorkflowDto } from './dto/import-seed-workflow.dto';

export interface ImportedWorkflow {
  workflow: WorkflowRecord;
  /** The cron trigger made from the seed's `cron`, if it had one. */
  trigger: TriggerRecord | null;
  notes: string[];
}

/**
 * Imports a seed-format workflow: maps it (libs/nodes seed/), then creates the workflow with the
 * seed's status and a cron trigger from its `cron`. Everything is checked before anything is
 * written, so a refused import leaves nothing behind.
 */
@Injectable()
export class WorkflowImportService {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly triggers: TriggersService,
    private readonly registry: NodeRegistry,
    private readonly clock: TriggerClock,
    @Inject(BATON_CONFIG) private readonly config: BatonConfig,
  ) {}

  async importSeed(principal: Principal, dto: ImportSeedWorkflowDto): Promise<ImportedWorkflow> {
    const mapped = this.map(dto);
    if (mapped.cron) this.checkCron(mapped.cron);
    const workflow = await this.workflows.create(principal, {
      name: mapped.name,
      description: mapped.description,
      format: 'graph',
      definition: mapped.definition as unknown as Record<string, unknown>,
      status: mapped.status,
    });
    const trigger = mapped.cron
      ? (await this.triggers.create(principal, workflow.id, { type: 'cron', expression: mapped.cron, timezone: 'UTC' }))
          .trigger
      : null;
    return { workflow, trigger, notes: mapped.notes };
  }

  private map(dto: ImportSeedWorkflowDto): SeedWorkflowImport {
    try {
      return mapSeedWorkflow(dto, {
        findNodeType: (type) => this.registry.find(type),
        credentials: dto.credentials?.openai ? { openai: dto.credentials.openai } : {},
      });
    } catch (error) {
      if (error instanceof InvalidInputError) throw validationFailed(error.message);
      throw error;
    }
  }

  private checkCron(expression: string): void {
    try {
      buildTriggerConfig(
        { type: 'cron', expression, timezone: 'UTC' },
        { minIntervalSeconds: this.config.triggers.cronMinIntervalSeconds, now: this.clock.now() },
      );
    } catch (error) {
      if (error instanceof DomainError) throw validationFailed(`cron: ${error.message}`, error.details);
      throw error;
    }
  }
}
