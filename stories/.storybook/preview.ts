import { type Preview, setCustomElementsManifest } from '@storybook/web-components-vite';
// The widgets' manifest, generated from their JSDoc: Controls and the docs pages show every
// attribute, property, event, part and custom property with its description and default.
import manifest from '../../packages/widgets/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
