import { render } from 'solid-js/web';
import { App } from './App.tsx';
import './styles/main.scss';

// GOV.UK Frontend styles some components differently once JavaScript runs.
document.body.classList.add('govuk-frontend-supported');

render(() => <App />, document.getElementById('app')!);
