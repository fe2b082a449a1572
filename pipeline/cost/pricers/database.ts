/** Aurora Serverless v2: each instance's ACU-hours (and enhanced monitoring), the cluster's storage and I/O. */
import { GB, NOT_PRICED, line, type CfnResource, type Pricer, type PricingContext } from '../cost-line.js';
import { DAYS_PER_MONTH, HOURS_PER_MONTH, PER_UNIT } from '../usage-assumptions.js';

/** Capacity of an awake instance never drops below this, even with a 0-ACU floor. */
const AWAKE_MINIMUM_ACU = 0.5;

interface Scaling {
  readonly minAcu: number;
  readonly maxAcu: number;
  readonly autoPauseSeconds: number;
}

function clusterOf(c: PricingContext): CfnResource | undefined {
  const id = c.resource.Properties?.DBClusterIdentifier as { Ref?: string } | undefined;
  return id?.Ref ? c.stack.resources[id.Ref] : undefined;
}

function scalingOf(cluster: CfnResource | undefined): Scaling | undefined {
  const scaling = cluster?.Properties?.ServerlessV2ScalingConfiguration as
    Record<string, unknown> | undefined;
  if (!scaling) return undefined;
  return {
    minAcu: Number(scaling.MinCapacity ?? 0.5),
    maxAcu: Number(scaling.MaxCapacity ?? 1),
    // Aurora's default when the floor is 0 and nothing is set: 5 minutes.
    autoPauseSeconds: Number(scaling.SecondsUntilAutoPause ?? 300),
  };
}

const instance: Pricer = (c) => {
  const scaling = scalingOf(clusterOf(c));
  if (c.resource.Properties?.DBInstanceClass !== 'db.serverless' || !scaling) return NOT_PRICED;
  const perAcuHour = c.price('auroraAcuHour').usd;
  const pauses = scaling.minAcu === 0;
  const baselineHours = pauses ? 0 : HOURS_PER_MONTH;
  const usage = c.traffic?.usage;
  const awakeHours = !usage
    ? baselineHours
    : pauses
      ? Math.min(
          HOURS_PER_MONTH,
          DAYS_PER_MONTH * (usage.databaseBusyHoursPerDay + scaling.autoPauseSeconds / 3600),
        )
      : HOURS_PER_MONTH;
  const awakeAcu = Math.min(
    scaling.maxAcu,
    Math.max(usage?.databaseAverageAcu ?? 0, scaling.minAcu, AWAKE_MINIMUM_ACU),
  );
  const lines = [
    line(
      c,
      pauses
        ? 'ACU-hours (0 ACU floor: pauses when idle)'
        : `ACU-hours (${scaling.minAcu} ACU floor, never pauses)`,
      baselineHours * scaling.minAcu * perAcuHour,
      awakeHours * awakeAcu * perAcuHour,
      pauses
        ? `awake ${round(awakeHours)} h/month (${usage?.databaseBusyHoursPerDay ?? 0} busy h/day + ${scaling.autoPauseSeconds / 60} min before pausing) at ${awakeAcu} ACU; 0 when idle`
        : `${HOURS_PER_MONTH} h at the floor; at usage ${awakeAcu} ACU average`,
    ),
  ];
  const interval = Number(c.resource.Properties?.MonitoringInterval ?? 0);
  if (interval > 0) {
    const gbPerHour = ((3600 / interval) * PER_UNIT.enhancedMonitoringBytesPerSample) / GB;
    const perGb = c.price('logsIngestGb').usd;
    lines.push(
      line(
        c,
        `enhanced monitoring every ${interval} s`,
        baselineHours * gbPerHour * perGb,
        awakeHours * gbPerHour * perGb,
        `${PER_UNIT.enhancedMonitoringBytesPerSample / 1000} KB per sample into CloudWatch Logs while awake`,
      ),
    );
  }
  return lines;
};

const cluster: Pricer = (c) => {
  const usage = c.traffic?.usage;
  const storageGb = usage?.databaseStorageGb ?? 0;
  const storage = storageGb * c.price('auroraStorageGbMonth').usd;
  const io = ((c.traffic?.apiCalls ?? 0) * PER_UNIT.auroraIoPerApiCall) / 1e6;
  const exportsLogs = Array.isArray(c.resource.Properties?.EnableCloudwatchLogsExports);
  const logGb = exportsLogs ? PER_UNIT.postgresLogGbPerMonth : 0;
  return [
    line(
      c,
      'storage',
      storage,
      storage,
      `${storageGb} GB stored (configured); backups within the retention are free up to that size`,
    ),
    line(
      c,
      'I/O requests',
      0,
      io * c.price('auroraIoMillion').usd,
      `${PER_UNIT.auroraIoPerApiCall} I/O per API call`,
    ),
    ...(exportsLogs
      ? [
          line(
            c,
            'PostgreSQL log export',
            0,
            logGb * c.price('logsIngestGb').usd,
            `${logGb} GB of logs a month`,
          ),
        ]
      : []),
  ];
};

function round(value: number): string {
  return value.toFixed(0);
}

export const databasePricers: Readonly<Record<string, Pricer>> = {
  'AWS::RDS::DBInstance': instance,
  'AWS::RDS::DBCluster': cluster,
};
