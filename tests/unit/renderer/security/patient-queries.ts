import { configure } from '@testing-library/react';

// Screens load lazily, and this machine is shared: a busy moment can pass the default 1 s.
configure({ asyncUtilTimeout: 5000 });
