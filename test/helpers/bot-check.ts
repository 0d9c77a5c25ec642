import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

type App = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/** Does what the ALTCHA widget does in the browser: fetch a challenge and solve it. */
export async function solveBotCheck(app: App): Promise<string> {
  const challenge = (await (await app.request('/api/bot-check')).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('bot check could not be solved');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}
