// The welcome page, opened once when Inkseal is installed: wiring only.
import { render } from 'preact';
import '../shared/page.css';
import './welcome.css';
import { t } from '../shared/i18n';
import { App } from './app';

document.title = t('welcome_title');
render(<App />, document.getElementById('app')!);
