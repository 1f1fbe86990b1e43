/**
 * Property tests run with a fixed seed so that CI is reproducible: a failure on one machine fails
 * the same way on every machine. Set FC_SEED to explore other seeds locally.
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261124) });
