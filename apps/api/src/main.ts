import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startBaton } from './bootstrap/start-baton';
import { ConfigError, loadConfig } from './config/load-config';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const baton = await startBaton(config);
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: draining (grace ${config.shutdownGraceMs} ms)`);
    // Workers finish or hand back their jobs inside the grace period (worker-drain.service.ts);
    // this outer timer only guards against a close that hangs on a dead connection.
    const hardStop = setTimeout(() => {
      logger.error('Shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 15_000);
    hardStop.unref();
    baton.close().then(
      () => process.exit(0),
      (error) => {
        logger.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
