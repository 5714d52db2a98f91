import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const DATA_TYPES = ['any', 'object', 'array', 'string', 'number', 'boolean', 'page'];

export class NodeHandleDto {
  @ApiProperty({ example: 'in' }) name: string;

  @ApiProperty({
    enum: DATA_TYPES,
    description:
      '`any` connects to every type but `page`; otherwise both ends must agree. `page` (a live browser page) connects only to `page`',
  })
  dataType: string;

  @ApiProperty({ description: 'An input that must have an incoming edge' }) required: boolean;

  @ApiProperty({ description: 'An input that accepts several edges (the node receives an array)' }) multiple: boolean;

  @ApiPropertyOptional() description?: string;
}

export class NodeTypeDto {
  @ApiProperty({ example: 'http.request', description: 'The id a definition names in `nodes[].type`' }) type: string;

  @ApiProperty({ example: 1 }) version: number;

  @ApiProperty({ example: 'HTTP request' }) title: string;

  @ApiProperty({ enum: ['trigger', 'action', 'data', 'flow', 'util'], description: 'Palette group' }) group: string;

  @ApiProperty() description: string;

  @ApiProperty({ type: [NodeHandleDto] }) inputs: NodeHandleDto[];

  @ApiProperty({
    type: [NodeHandleDto],
    description: 'Fixed outputs; every node may also have an `error` output (object)',
  })
  outputs: NodeHandleDto[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema of `data.inputs`; `format: "jsonata"` marks an expression the node evaluates itself',
  })
  settingsSchema: Record<string, unknown>;

  @ApiProperty({ description: 'May be a start node (no incoming edges)' }) canStart: boolean;

  @ApiProperty({ enum: ['task', 'merge', 'loop'] }) kind: string;

  @ApiProperty({ description: 'Output handles depend on the settings (switch cases)' }) dynamicOutputs: boolean;

  @ApiProperty({ description: 'Safe to run again after a crash without an idempotency key' }) replaySafe: boolean;

  @ApiPropertyOptional({ description: 'Default per-attempt timeout in milliseconds' }) timeoutMs?: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'Credential kinds the `credentialId` setting accepts (GET /api/credential-types)',
  })
  credentialKinds?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'JSON Schema of the `out` value' })
  outputSchema?: Record<string, unknown>;
}
