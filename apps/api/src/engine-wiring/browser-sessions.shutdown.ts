import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { BrowserSessions } from '@baton/nodes';

/** Closes every browser context and Chromium process of this process when it stops. */
@Injectable()
export class BrowserSessionsShutdown implements OnApplicationShutdown {
  constructor(private readonly sessions: BrowserSessions) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sessions.close();
  }
}
