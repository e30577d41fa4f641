// Findings page entry: wiring only.
import { render } from 'preact';
import '../shared/page.css';
import './findings.css';
import browser from 'webextension-polyfill';
import { App } from './app';

// The UI language, so CJK text gets Chinese glyphs rather than the system's default Han variant.
document.documentElement.lang = browser.i18n.getUILanguage();
document.title = `${document.title} · ${browser.i18n.getMessage('findings_title')}`;
render(<App />, document.getElementById('app')!);
