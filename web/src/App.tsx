export function App() { return <p class="govuk-body">Hello</p>; }
