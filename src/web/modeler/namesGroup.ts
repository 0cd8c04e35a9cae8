import { h } from '@bpmn-io/properties-panel/preact';
import { TextFieldEntry, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import i18n, { type Language } from '../i18n';
import { isNamed, nameIn, setNameIn, type NamedObject } from './elementNames';

/**
 * A "Names" group at the top of the properties panel: the element's name in Kazakh (`name`),
 * Russian (`name:ru`) and English (`name:en`), each its own field, in every language of the app —
 * the three names are edited side by side without touching XML. It replaces the panel's own "Name"
 * field, which wrote only `name`.
 */

interface Element {
  id: string;
  businessObject: NamedObject;
  labelTarget?: Element;
}

const languages: Language[] = ['kk', 'ru', 'en'];

function NameEntry(props: { element: Element; id: string; language: Language }) {
  const { element, id, language } = props;
  const services = { bpmnFactory: useService('bpmnFactory'), commandStack: useService('commandStack'), modeling: useService('modeling') };
  const debounce = useService('debounceInput');
  const owner = element.labelTarget ?? element;
  return h(TextFieldEntry, {
    element,
    id,
    label: i18n.t(`modeler.names.${language}`),
    description: i18n.t(`modeler.names.${language}Stored`),
    getValue: () => nameIn(owner.businessObject, language),
    setValue: (value: string | undefined) => setNameIn(services, owner, language, value ?? ''),
    debounce,
  });
}

class NamesProvider {
  static $inject = ['propertiesPanel'];
  constructor(propertiesPanel: { registerProvider(priority: number, provider: NamesProvider): void }) {
    // After bpmn-js's and Camunda's providers (1000, 500), to rearrange the groups they made.
    propertiesPanel.registerProvider(200, this);
  }
  getGroups(element: Element) {
    return (groups: { id: string; label: string; entries: { id: string }[] }[]) => {
      const owner = element.labelTarget ?? element;
      if (!isNamed(owner.businessObject)) return groups;
      const general = groups.find((g) => g.id === 'general');
      if (general) general.entries = general.entries.filter((e) => e.id !== 'name');
      const names = {
        id: 'qyzmet-names',
        label: i18n.t('modeler.names.title'),
        entries: languages.map((language) => ({ id: `qyzmet-name-${language}`, element, language, component: NameEntry, isEdited: isTextFieldEntryEdited })),
      };
      groups.splice(general ? groups.indexOf(general) + 1 : 0, 0, names as never);
      return groups;
    };
  }
}

export const namesGroupModule = {
  __init__: ['qyzmetNamesProvider'],
  qyzmetNamesProvider: ['type', NamesProvider],
};
