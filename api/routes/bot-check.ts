import { Hono } from 'hono';
import { createBotChallenge } from '../../services/bot-check.ts';
import type { AppEnv } from '../context.ts';

/** A fresh proof-of-work challenge for the ALTCHA widget. */
export const botCheckRoutes = new Hono<AppEnv>().get('/', async (c) => c.json(await createBotChallenge(c.get('deps').settings.secret)));
