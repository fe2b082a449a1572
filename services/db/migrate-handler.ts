// Placeholder until the services issue lands: the deploy-time migration trigger's entry.
export const handler = async (): Promise<{ applied: string[] }> => ({ applied: [] });
