// The /widget/ page is pre-rendered by the build; this module runs its form.
import init from './bantin_configurator.js';
init();
