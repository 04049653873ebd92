import { abortableSleep } from './sleep';

describe('abortableSleep', () => {
  it('rejects at once with the reason of a signal already aborted', async () => {
    const reason = new Error('already');
    await expect(
      abortableSleep(60_000, AbortSignal.abort(reason)),
    ).rejects.toBe(reason);
  });

  it('rejects with the reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    const reason = new Error('later');
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
  });

  it('resolves after the wait', async () => {
    await expect(abortableSleep(0)).resolves.toBeUndefined();
  });
});
