import { describe, expect, it } from 'vitest';
import { commonWords } from '../../domain/common-words.ts';
import { checkPassword, findCommonWord, passwordAcceptable, wordList } from '../../domain/password-policy.ts';

const words = commonWords();

/** What the rule matched before: list words written exactly so, in any case. */
const literalWord = (password: string) => {
  const lower = password.toLowerCase();
  for (let i = 0; i < lower.length; i++)
    for (let j = i + 4; j <= lower.length; j++) if (words.includes(lower.slice(i, j))) return lower.slice(i, j);
  return undefined;
};

describe('common words disguised by substitution', () => {
  it.each([
    // The list holds some disguised spellings too: another disguise still finds them.
    ['P@$$w0rd#Q7', 'p@ssw0rd'],
    ['Xq9!5unsh1n3', '5unshine'],
    ['b4n4n4#Q7x', 'banana'],
    ['Q7#c0mpu73r', 'computer'],
    ['!nternet#Q7', 'internet'],
    ['Qx#w4t3rm3l0n', 'watermelon'],
  ])('finds the word in %s, which literal matching missed', (password, word) => {
    expect(literalWord(password)).toBeUndefined();
    expect(findCommonWord(password, words)).toBe(word);
  });
  it('reads "1" as l where the word needs an l (he11o-like: ye11ow, ba11oon)', () => {
    expect(findCommonWord('Qz#ye11ow9', words)).toBe('yellow');
    expect(findCommonWord('ba11oon#Qz', words)).toBe('balloon');
  });

  it('reads each disguise every way it may be meant, and the word named is the whole word', () => {
    const list = wordList(['troubador', 'lion', 'iota', 'tile', 'stag', 'zebra']);
    expect(findCommonWord('Tr0ub4dor&3', list)).toBe('troubador');
    expect(findCommonWord('x1ion', list)).toBe('lion');
    expect(findCommonWord('x1ota', list)).toBe('iota');
    expect(findCommonWord('7!|3', list)).toBe('tile');
    expect(findCommonWord('$74g9', list)).toBe('stag');
    expect(findCommonWord('2e8r@', list)).toBe('zebra');
  });

  it('never merges letters: only a digit or symbol is read as another character', () => {
    const list = wordList(['hello', 'pool']);
    expect(findCommonWord('he11o', list)).toBe('hello');
    expect(findCommonWord('heiio', list)).toBeUndefined();
    expect(findCommonWord('he!!o', list)).toBeUndefined(); // "!" is i, never l
    expect(findCommonWord('p00l', list)).toBe('pool');
    expect(findCommonWord('pqql', list)).toBeUndefined();
  });

  it('still finds words written plainly, in any case', () => {
    expect(findCommonWord('Xq7!SUNSHINE9', words)).toBe('sunshine');
  });

  it('accepts strong random passwords with digits and symbols', () => {
    for (const password of ['Wm4#Tz9!Hq2$Bx', 'Xr7#Qv9!Lk2@', 'Hx9]Qv2?Zk4_Wj']) {
      expect(
        passwordAcceptable(checkPassword({ password, confirmation: password, username: 'nia.newbie' }, words)),
        password,
      ).toBe(true);
    }
  });

  it.each([
    ['1'.repeat(100), '11111111'],
    ['|'.repeat(100), 'lilli'],
    ['1|!7'.repeat(25), 'lilli'],
    ['5$'.repeat(50), undefined],
    ['4@3!'.repeat(25), undefined],
  ])('walks 100 characters that each read several ways (%#): every reading, no blow-up', (password, word) => {
    expect(findCommonWord(password, words)).toBe(word);
  });
});

describe('the password rules', () => {
  it('apply the disguised-word matching in checkPassword, the one check server and portal share', () => {
    const password = 'Qz#5unsh1n3';
    expect(checkPassword({ password, confirmation: password, username: '' }, words)).toMatchObject({
      noCommonWords: false,
      digit: true,
      symbol: true,
    });
  });
});
