// Popup entry: wiring only.
import { render } from 'preact';
import '../shared/page.css';
import './popup.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
