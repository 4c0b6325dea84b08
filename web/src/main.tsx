// Entry point: sets <html lang dir> from the saved language, then mounts the app.
import { render } from 'preact';
import { App } from './app';
import { applyDocument } from './i18n';
import './styles.css';

applyDocument();
render(<App />, document.getElementById('app')!);
