import { createApp } from './app';

createApp().listen(3001);
