import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startBaton, type RunningBaton } from './bootstrap/start-baton';
import { ConfigError, loadConfig } from './config/load-config';
import { runCredentialRotation } from './credentials/run-credential-rotation';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (process.argv[2] === 'credentials:rotate') {
    const result = await runCredentialRotation(config);
    console.log(
      `credentials:rotate: re-sealed ${result.resealed} secret field(s) of ${result.credentials} credential(s) and ` +
        `${result.webhookSecrets} webhook secret(s) under BATON_ENCRYPTION_KEY`,
    );
    process.exit(0);
  }
  const logger = new Logger('Shutdown');
  let baton: RunningBaton | null = null;
  let stopSignal: NodeJS.Signals | null = null;

  const drain = (running: RunningBaton, signal: NodeJS.Signals) => {
    logger.log(`${signal} received: draining (grace ${config.shutdownGraceMs} ms)`);
    // Workers finish or hand back their jobs inside the grace period (worker-drain.service.ts);
    // this outer timer only guards against a close that hangs on a dead connection.
    const hardStop = setTimeout(() => {
      logger.error('Shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownGraceMs + 15_000);
    hardStop.unref();
    running.close().then(
      () => process.exit(0),
      (error) => {
        logger.error(error);
        process.exit(1);
      },
    );
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopSignal) return;
    stopSignal = signal;
    // A signal during start-up is honoured once start-up finishes, so nothing is left half-open.
    if (baton) drain(baton, signal);
  };
  // Registered before start-up: the default handler would kill the process without draining.
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  baton = await startBaton(config);
  if (stopSignal) drain(baton, stopSignal);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
