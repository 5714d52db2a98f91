import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { RequestedMode } from '@baton/engine';
import { IsIn, IsOptional } from 'class-validator';

export const TRIGGER_MODES: readonly RequestedMode[] = ['immediate', 'queued', 'auto'];

/** How a trigger's runs start, as `mode` of POST /api/workflows/:id/execute. */
export const TriggerModeField = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: TRIGGER_MODES,
      default: 'auto',
      description:
        '`immediate`: run in the process that took the call (a sync webhook answers in the same request); ' +
        '`queued`: through the durable queue; `auto`: the complexity analysis decides',
    }),
    IsOptional(),
    IsIn(TRIGGER_MODES),
  );
