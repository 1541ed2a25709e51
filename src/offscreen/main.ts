import { register } from './listener';

// The offscreen page's entry (index.html): the listener is registered here, not by importing listener.ts.
register();
