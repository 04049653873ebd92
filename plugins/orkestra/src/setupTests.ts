import '@testing-library/jest-dom';

// The components lazy-load and render markdown; on a loaded 2-core CI machine
// the default 1 s for findBy* queries is too short to be reliable.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });
