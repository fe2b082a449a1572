import { type CheckResult, failed, passed } from '../check-result.js';
import { type AccountAccess, type OnlineContext, PLACES } from './account-access.js';
import { deployedStack } from './deployed-stack.js';
import { guard } from './guard.js';

const BOOTSTRAP_STACK = 'CDKToolkit';

/**
 * In each account: the CDK bootstrap stack exists, is at least the version the synthesized stacks require,
 * and, in a stage account, trusts the toolchain account (whose pipeline roles deploy into it).
 */
export async function bootstrapStacks(context: OnlineContext): Promise<CheckResult[]> {
  const results = await Promise.all(
    PLACES.map((place) => {
      const access = context.accounts[place];
      return guard(access, `bootstrap stack ${BOOTSTRAP_STACK}`, () => checkOne(context, access));
    }),
  );
  return results.flat();
}

async function checkOne(context: OnlineContext, access: AccountAccess): Promise<CheckResult> {
  const toolchain = context.config.toolchain.account;
  const trusting = access.place !== 'toolchain';
  const where = `${access.place} (${access.account}, ${access.region})`;
  const fix = [
    `npx cdk bootstrap aws://${access.account}/${access.region} ${access.profileArgument}`,
    ...(trusting ? [`--trust ${toolchain}`] : []),
    '--cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess',
  ].join(' ');
  const stack = await deployedStack(access, BOOTSTRAP_STACK);
  if (!stack || stack.StackStatus === 'REVIEW_IN_PROGRESS') {
    return failed(`${where}: not bootstrapped (no ${BOOTSTRAP_STACK} stack)`, fix);
  }
  if (/FAILED|ROLLBACK_COMPLETE$|DELETE/.test(stack.StackStatus ?? '')) {
    return failed(`${where}: ${BOOTSTRAP_STACK} is ${stack.StackStatus}`, fix);
  }
  const version = Number(stack.Outputs?.find((o) => o.OutputKey === 'BootstrapVersion')?.OutputValue);
  const required = context.requiredBootstrapVersion;
  if (!Number.isFinite(version) || version < required) {
    return failed(
      `${where}: ${BOOTSTRAP_STACK} is version ${Number.isFinite(version) ? version : 'unknown'}, the stacks need ${required} or later`,
      fix,
    );
  }
  if (trusting) {
    const trusted = (
      stack.Parameters?.find((p) => p.ParameterKey === 'TrustedAccounts')?.ParameterValue ?? ''
    )
      .split(',')
      .map((id) => id.trim());
    if (!trusted.includes(toolchain)) {
      return failed(
        `${where}: ${BOOTSTRAP_STACK} version ${version} does not trust the toolchain account ${toolchain} (trusts ${trusted.filter(Boolean).join(', ') || 'none'})`,
        fix,
      );
    }
  }
  return passed(
    `${where}: bootstrapped, ${BOOTSTRAP_STACK} version ${version} (needs ${required})${trusting ? `, trusts the toolchain account ${toolchain}` : ''}`,
  );
}
