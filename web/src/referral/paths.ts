/** The addresses of a referral's pages, where more than one page links to them. */
export const referralPaths = {
  /** A new referral of this form, not saved until its first answer. */
  new: (formKey: string) => `/referrals/new/${encodeURIComponent(formKey)}`,
  edit: (id: string) => `/referrals/${id}/edit`,
  /**
   * One question of the form, opened from the check answers page (a Change link):
   * its step shows with the question focused, and saving goes back there.
   */
  change: (id: string, step: string, target?: string) =>
    `/referrals/${id}/edit?${new URLSearchParams({ step, return: 'check' })}${target ? `#${target}` : ''}`,
  check: (id: string) => `/referrals/${id}/check`,
  submitted: (id: string) => `/referrals/${id}/submitted`,
};
