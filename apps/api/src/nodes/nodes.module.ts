import { Module } from '@nestjs/common';
import { NodesController } from './nodes.controller';

/** Serves the node catalogue; the registry itself is bound in engine-wiring (a global module). */
@Module({ controllers: [NodesController] })
export class NodesModule {}
