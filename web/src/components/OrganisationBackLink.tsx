import { createResource } from 'solid-js';
import { api } from '../api.ts';
import { BackLink } from './BackLink.tsx';

/**
 * The organisation's name, for a provider admin's page about one organisation (its users, library, packs)
 * to say whose they are. Undefined until it arrives, or if it cannot be read: the page's own content
 * reports its errors, so this one stays quiet.
 */
export function createOrganisationName(id: () => string): () => string | undefined {
  const [organisation] = createResource(id, (orgId) => api.organisationDetail(orgId).catch(() => undefined));
  return () => organisation.latest?.name;
}

/** Back to the organisation's page, by its name ("Back to Acme Ltd") once known. */
export function OrganisationBackLink(props: { id: string; name: string | undefined }) {
  return <BackLink href={`/admin/organisations/${props.id}`}>Back to {props.name ?? 'the organisation'}</BackLink>;
}
