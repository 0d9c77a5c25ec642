import { describe, expect, it } from 'vitest';
import { AuthToken } from '../../db/models/auth-token.ts';
import { Membership } from '../../db/models/membership.ts';
import { RecoveryCode } from '../../db/models/recovery-code.ts';
import { Session } from '../../db/models/session.ts';
import { User } from '../../db/models/user.ts';

const id = '4a1c5a7e-3f1b-4c55-9a0e-1d2b3c4d5e6f';

describe('models never serialise a secret', () => {
  it('leaves the password hash and the authenticator key out of a user, also inside a graph', () => {
    const user = User.fromJson({
      id,
      username: 'ann',
      passwordHash: '$argon2id$v=19$secret',
      totpKey: Buffer.from('totp-secret'),
    });
    const json = JSON.stringify(user);
    expect(json).toContain('ann');
    expect(json).not.toMatch(/passwordHash|argon2|totpKey|totp-secret/);
    const membership = Membership.fromJson({ id, userId: id, user: { id, passwordHash: '$argon2id$v=19$secret' } });
    expect(JSON.stringify(membership)).not.toMatch(/passwordHash|argon2/);
  });

  it('leaves token and code hashes, and a session id (the hash of its token), out', () => {
    expect(
      Object.keys(AuthToken.fromJson({ id, userId: id, tokenHash: 'token-hash', purpose: 'activation' }).toJSON()),
    ).toEqual(['id', 'userId', 'purpose']);
    expect(Object.keys(RecoveryCode.fromJson({ userId: id, codeHash: 'code-hash' }).toJSON())).toEqual(['userId']);
    expect(Object.keys(Session.fromJson({ id: 'session-hash', userId: id, organisationId: id }).toJSON())).toEqual([
      'userId',
      'organisationId',
    ]);
  });

  it('still gives the database the secret columns it writes', () => {
    expect(User.fromJson({ id, passwordHash: 'hash' }).$toDatabaseJson()).toMatchObject({ passwordHash: 'hash' });
  });
});
