/** Reads chatops.yaml and the environment into one validated `Config`, or a `ConfigError` naming the key. */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { CodedError, ErrorCode } from '../errors.js';
import { BotEnv, ConfigFile } from './schema.js';
import { describeUnknownKey, keysAt } from './unknown-key.js';

export class ConfigError extends CodedError {
  constructor(message: string) {
    super(ErrorCode.ConfigInvalid, message);
    this.name = 'ConfigError';
  }
}

export interface Config {
  file: ConfigFile;
  env: BotEnv;
  /** Where the file came from, for messages. */
  path: string;
}

/** The first problem, unknown keys first: a misspelt key also makes its real one "missing". */
function firstIssue(where: string, error: z.ZodError): string {
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0]!;
  const key = issue.path.join('.') || '(top level)';
  const unknown = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => describeUnknownKey(k, keysAt(ConfigFile, issue.path))).join('; ') : issue.message;
  return `${where}: ${key}: ${unknown}`;
}

export function parseConfigText(text: string, where: string): ConfigFile {
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (err) {
    throw new ConfigError(`${where}: not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const parsed = ConfigFile.safeParse(raw);
  if (!parsed.success) throw new ConfigError(firstIssue(where, parsed.error));
  return parsed.data;
}

export function parseEnv(env: Record<string, string | undefined>): BotEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = BotEnv.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const msg = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    throw new ConfigError(`environment: ${key} ${msg}`);
  }
  const e = parsed.data;
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError('environment: SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return e;
}

/** The file's text, or a ConfigError saying what to do about it. */
export async function readConfigFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    // A bind mount of a file that did not exist (docker run -v, compose's short syntax) leaves a directory in its place.
    if ((err as { code?: string }).code === 'EISDIR') {
      throw new ConfigError(
        `${path}: is a directory, not a configuration file (a container bind mount creates one when the file did not exist: remove it, then copy chatops.example.yaml to chatops.yaml)`,
      );
    }
    throw new ConfigError(`${path}: cannot read the configuration file (set CHATOPS_CONFIG, or copy chatops.example.yaml)`);
  }
}

export async function loadConfig(env: Record<string, string | undefined>): Promise<Config> {
  const botEnv = parseEnv(env);
  const path = botEnv.CHATOPS_CONFIG;
  const file = parseConfigText(await readConfigFile(path), path);
  if (file.redis.sentinels && botEnv.REDIS_URL)
    throw new ConfigError(`${path}: redis.sentinels: REDIS_URL is set too; unset REDIS_URL to use Sentinel, or remove redis.sentinels for one Redis`);
  return { file, env: botEnv, path };
}
