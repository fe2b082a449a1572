import { GetConnectionCommand } from '@aws-sdk/client-codestar-connections';
import { type CheckResult, failed, passed } from '../check-result.js';
import type { OnlineContext } from './account-access.js';
import { isNotFound } from './aws-errors.js';
import { guard } from './guard.js';

/** The toolchain's connection to the repository host is AVAILABLE (a new one is PENDING until its handshake). */
export async function repositoryConnection(context: OnlineContext): Promise<CheckResult[]> {
  const access = context.accounts.toolchain;
  const arn = context.config.repository.connectionArn;
  const console =
    'Developer Tools console → Settings → Connections → the connection → Update pending connection';
  return guard(access, 'repository connection', async () => {
    let status: string | undefined;
    try {
      const answer = await access.clients.connections.send(new GetConnectionCommand({ ConnectionArn: arn }));
      status = answer.Connection?.ConnectionStatus;
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return failed(
        `toolchain: repository.connectionArn ${arn} does not exist`,
        `aws codestar-connections create-connection --provider-type GitHub --connection-name ${context.config.appName} ${access.profileArgument} --region ${arn.split(':')[3]}, complete its handshake (${console}), put its ARN in repository.connectionArn`,
      );
    }
    if (status === 'AVAILABLE') return passed(`toolchain: repository connection AVAILABLE (${arn})`);
    return failed(
      `toolchain: repository connection is ${status ?? 'of unknown status'}, not AVAILABLE`,
      status === 'PENDING'
        ? `complete its handshake: ${console}`
        : `create a new connection and complete its handshake (${console})`,
    );
  });
}
