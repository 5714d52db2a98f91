import { Module } from '@nestjs/common';
import { ApprovalsController } from './approvals.controller';

/** The public approve / reject links of flow.approval (ApprovalRequests comes from the engine wiring). */
@Module({ controllers: [ApprovalsController] })
export class ApprovalsModule {}
