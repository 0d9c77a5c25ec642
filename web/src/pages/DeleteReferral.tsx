import { useNavigate, useParams } from '@solidjs/router';
import { createResource } from 'solid-js';
import { api } from '../api.ts';
import { createActionRunner } from '../case/action-runner.ts';
import { Button } from '../components/fields.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { CasePage } from '../referral/CaseSummary.tsx';

/** Deleting a draft or rejected referral asks first: it cannot be undone. */
export function DeleteReferral() {
  const params = useParams();
  const navigate = useNavigate();
  const [referral] = createResource(() => params.id, api.referral);
  // Nothing to reload: a deleted referral is gone and the page moves on.
  const runner = createActionRunner(() => undefined);
  return (
    <CasePage
      referral={referral}
      caption={() => 'Delete referral'}
      error={runner.errors.errors().length > 0}
      notice={<FormNotice errors={runner.errors.errors()} outcome={runner.outcome()} />}
    >
      {(r) => (
        <>
          <h2 class="govuk-heading-m">Are you sure you want to delete this referral?</h2>
          <p class="govuk-body">The referral and its supporting documents are deleted now. This cannot be undone.</p>
          <div class="govuk-button-group">
            <Button
              type="button"
              variant="warning"
              onClick={() =>
                runner.run(async () => {
                  const tab = r().status === 'rejected' ? 'rejected' : 'draft';
                  await api.deleteReferral(r().id);
                  navigate(`/referrals/saved?tab=${tab}`, { state: { deleted: true } });
                  return { heading: 'Referral deleted' };
                })
              }
            >
              Yes, delete it
            </Button>
            <a class="govuk-link" href={`/cases/${r().id}`}>
              No, go back
            </a>
          </div>
        </>
      )}
    </CasePage>
  );
}
