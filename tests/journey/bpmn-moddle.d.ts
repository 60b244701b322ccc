/** bpmn-moddle 10 ships no types; the tests use only `new BpmnModdle().fromXML(xml)`. */
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: Array<{ message: string }> }>;
  }
}
