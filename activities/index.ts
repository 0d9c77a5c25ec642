import { accountActivities } from './account.activities.ts';
import { employeeActivities } from './employee.activities.ts';
import { questionnaireActivities } from './questionnaire.activities.ts';
import { miActivities } from './mi.activities.ts';
import { reassignActivities } from './reassign.activities.ts';
import { referralActivities, type ActivityDeps } from './referral.activities.ts';

export type { ActivityDeps };

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...referralActivities(deps),
    ...accountActivities(deps),
    ...employeeActivities(deps),
    ...questionnaireActivities(deps),
    ...miActivities(deps),
    ...reassignActivities(deps),
  };
}
