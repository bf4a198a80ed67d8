import { createApp } from 'vue';
// Registers <wg-map>, <wg-grid-layer>, … once; safe if another copy of Wangge on the page did it first.
import 'wangge/define';
import App from './App.vue';

createApp(App).mount('#app');
