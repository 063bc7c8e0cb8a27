import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DataFormatError,
  LinkrecError,
  StaleModelError,
  TrainingLockedError,
  UnknownIdError,
  WorkerLostError,
} from '../errors.ts';
import { deserializeError, installErrorTransfer, serializeError } from './errors.ts';

installErrorTransfer();

/** A service whose methods throw what they are told to, behind a MessageChannel. */
const thrower = {
  async locked(id: string): Promise<void> {
    throw new TrainingLockedError(id);
  },
  async stale(): Promise<void> {
    throw new StaleModelError('mf', 3, null);
  },
  async custom(): Promise<void> {
    const e = new Error('from elsewhere');
    e.name = 'QuotaExceededError';
    throw Object.assign(e, { detail: { bytes: 7 }, callback: () => 1 });
  },
  async type(): Promise<void> {
    throw new TypeError('not a function');
  },
  async plain(): Promise<void> {
    throw { code: 42 };
  },
};

const ports: MessagePort[] = [];
afterEach(() => ports.splice(0).forEach((p) => p.close()));

function remote(): Comlink.Remote<typeof thrower> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  Comlink.expose(thrower, port1);
  return Comlink.wrap<typeof thrower>(port2);
}

describe('named errors across comlink', () => {
  it('a TrainingLockedError thrown in the service arrives as one, with its id', async () => {
    const err = await remote()
      .locked('mf-1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingLockedError);
    expect(err).toBeInstanceOf(LinkrecError);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: 'TrainingLockedError', id: 'mf-1' });
    expect((err as Error).message).toBe(new TrainingLockedError('mf-1').message);
    expect((err as Error).stack).toContain('locked');
  });

  it('keeps every own field, null included', async () => {
    const err = await remote()
      .stale()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleModelError);
    expect(err).toMatchObject({ id: 'mf', expected: 3, found: null });
  });

  it('an unknown name becomes a LinkrecError keeping that name and cloneable fields', async () => {
    const err = await remote()
      .custom()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LinkrecError);
    expect(err).toMatchObject({ name: 'QuotaExceededError', message: 'from elsewhere', detail: { bytes: 7 } });
    expect(err).not.toHaveProperty('callback');
  });

  it('built-in errors keep their class; non-errors cross as they are', async () => {
    await expect(remote().type()).rejects.toBeInstanceOf(TypeError);
    await expect(remote().plain()).rejects.toEqual({ code: 42 });
  });
});

describe('serializeError / deserializeError', () => {
  it.each([
    new DataFormatError('ratings.csv', 12, 'expected 4 fields'),
    new UnknownIdError('user', 'alice'),
    new WorkerLostError('gone'),
  ])('round-trips %s', (original) => {
    const back = deserializeError(structuredClone(serializeError(original)));
    expect(back).toBeInstanceOf(original.constructor);
    expect({ ...back }).toEqual({ ...original });
    expect(back.message).toBe(original.message);
  });
});

describe('deserializeError against hostile payloads', () => {
  const wire = (name: unknown, fields: { [key: string]: unknown } = {}) =>
    ({ name, message: 'm', fields }) as unknown as Parameters<typeof deserializeError>[0];

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype'])(
    'the name %j gives a LinkrecError keeping that name',
    (name) => {
      const err = deserializeError(wire(name));
      expect(err).toBeInstanceOf(LinkrecError);
      expect(err.name).toBe(name);
      expect(err.message).toBe('m');
    },
  );

  it('a non-string name or a missing payload still gives a LinkrecError', () => {
    expect(deserializeError(wire(42))).toBeInstanceOf(LinkrecError);
    expect(deserializeError(null as unknown as Parameters<typeof deserializeError>[0])).toBeInstanceOf(LinkrecError);
    expect(
      deserializeError({ name: 'Error', message: 'x', fields: null } as unknown as Parameters<
        typeof deserializeError
      >[0]),
    ).toBeInstanceOf(Error);
  });

  it('fields cannot overwrite name, message, stack or the prototype', () => {
    const fields = JSON.parse(
      '{"name":"Evil","message":"evil","stack":"evil","__proto__":{"polluted":1},"constructor":5,"id":"ok"}',
    );
    const err = deserializeError({ name: 'TrainingLockedError', message: 'real', stack: 'real stack', fields });
    expect(err).toBeInstanceOf(TrainingLockedError);
    expect(err).toMatchObject({ name: 'TrainingLockedError', message: 'real', stack: 'real stack', id: 'ok' });
    expect(Object.getPrototypeOf(err)).toBe(TrainingLockedError.prototype);
    expect((err as unknown as { polluted?: number }).polluted).toBeUndefined();
    expect(err.constructor).toBe(TrainingLockedError);
  });

  it('fields cannot shadow inherited methods, and a non-string message is dropped', () => {
    const fields = { toString: { x: 1 }, valueOf: 3, id: 'ok' };
    const err = deserializeError({ name: 'TrainingLockedError', message: { evil: 1 } as unknown as string, fields });
    expect(String(err)).toBe('TrainingLockedError');
    expect(err.message).toBe('');
    expect((err as unknown as { id: string }).id).toBe('ok');
  });
});
