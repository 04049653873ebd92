import { InputError, NotAllowedError } from '@backstage/errors';
import { GateNotConfiguredError } from '@orkspace/backstage-plugin-orkestra-node';
import { userFacingError, withUserFacingErrors } from './userFacingError';

describe('userFacingError', () => {
  it.each([
    new InputError('The pattern is not valid'),
    new NotAllowedError('forcing is not allowed'),
    new GateNotConfiguredError('simulate'),
  ])('keeps only the sentence of an expected refusal: $name', error => {
    userFacingError(error);
    expect(error.stack).toBe(`${error.name}: ${error.message}`);
  });

  it('keeps the stack of an unexpected error: that is a bug to find', () => {
    const error = new TypeError('x is undefined');
    const stack = error.stack;
    userFacingError(error);
    expect(error.stack).toBe(stack);
    expect(stack).toMatch(/\n\s+at /);
  });

  it('applies to what an action handler throws, and passes its result through', async () => {
    const failing = withUserFacingErrors({
      id: 'x',
      handler: async (_ctx: object) => {
        throw new InputError('refused');
      },
    });
    await expect(failing.handler({})).rejects.toMatchObject({
      message: 'refused',
      stack: 'InputError: refused',
    });
    const handler = jest.fn(async (_ctx: object) => {});
    await withUserFacingErrors({ id: 'y', handler }).handler({ a: 1 });
    expect(handler).toHaveBeenCalledWith({ a: 1 });
  });
});
