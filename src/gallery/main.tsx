// Gallery & settings page entry: wiring only.
import { render } from 'preact';
import '../shared/page.css';
import './gallery.css';
import browser from 'webextension-polyfill';
import { App } from './app';

document.title = `${document.title} · ${browser.i18n.getMessage('gallery_title')}`;
render(<App />, document.getElementById('app')!);
