/**
 * What the online checks reach each account with: its SDK clients (credentials of one profile per account,
 * or a role assumed in each) and the words a fix command needs (`--profile staging --region …`).
 */
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CodeStarConnectionsClient } from '@aws-sdk/client-codestar-connections';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AppConfig } from '../../config.js';

export type Place = 'toolchain' | 'staging' | 'production';
export const PLACES: readonly Place[] = ['toolchain', 'staging', 'production'];

/** Only `send` is used, so a test can stub every client at its edge. */
type Sender<C extends { send: unknown }> = Pick<C, 'send'>;

export interface AccountClients {
  readonly cloudFormation: Sender<CloudFormationClient>;
  readonly secretsManager: Sender<SecretsManagerClient>;
  readonly ses: Sender<SESv2Client>;
  readonly bedrock: Sender<BedrockClient>;
  readonly iam: Sender<IAMClient>;
  readonly connections: Sender<CodeStarConnectionsClient>;
  readonly sts: Sender<STSClient>;
}

export interface AccountAccess {
  readonly place: Place;
  readonly account: string;
  readonly region: string;
  /** How a fix command names these credentials, e.g. `--profile staging`. */
  readonly profileArgument: string;
  readonly clients: AccountClients;
  /** Set when the credentials do not reach this account: its one ✗ is said, its other checks are skipped. */
  readonly unreachable?: boolean;
}

export interface OnlineContext {
  readonly config: AppConfig;
  readonly accounts: Readonly<Record<Place, AccountAccess>>;
  /** The bootstrap version the synthesized stacks require (their BootstrapVersion rule). */
  readonly requiredBootstrapVersion: number;
}

/** `--profile staging --region ap-northeast-1`: what every fix command for that account ends with. */
export function cliTarget(access: AccountAccess): string {
  return `${access.profileArgument} --region ${access.region}`;
}

/** Where each place lives in the configuration. */
export function placeOf(config: AppConfig, place: Place): { account: string; region: string } {
  return { account: config[place].account, region: config[place].region };
}
