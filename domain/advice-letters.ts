/**
 * The fixed frame of a written advice letter: the clinician writes only what goes between the
 * opening and the closing. The PDF and the portal's letter form both take them from here.
 */

/** The case's owner, who reads the letter for the employer. */
export const letterAddressee = (ownerName: string | null | undefined) => ownerName?.trim() || 'Sir or Madam';
export const letterOpening = (addressee: string) => `Dear ${addressee},`;
export const LETTER_CLOSING = 'Yours sincerely,';
