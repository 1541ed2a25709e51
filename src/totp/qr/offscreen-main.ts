import { register } from './offscreen';

// The offscreen page's entry (offscreen.html): the listener is registered here, not by importing offscreen.ts.
register();
