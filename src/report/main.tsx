// Report page entry: wiring only.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import '../shared/page.css';
import './report.css';
import { t } from '../shared/i18n';
import { App } from './app';

document.title = t('report_page_title');
document.documentElement.lang = browser.i18n.getUILanguage();
render(<App />, document.getElementById('app')!);
