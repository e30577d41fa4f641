import { render } from 'preact';
import '../shared/page.css';
import './panel.css';
import { App } from './app';

document.documentElement.lang = navigator.language;
render(<App />, document.getElementById('app')!);
