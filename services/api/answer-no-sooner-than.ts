/**
 * Settles like `work`, but never before `ms` have passed: an answer whose work differs (an e-mail sent or
 * not) then takes the same time either way, as long as the work stays under `ms`.
 */
export async function answerNoSoonerThan<T>(ms: number, work: Promise<T>): Promise<T> {
  const floor = new Promise((resolve) => setTimeout(resolve, ms));
  const [outcome] = await Promise.all([
    work.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    floor,
  ]);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
