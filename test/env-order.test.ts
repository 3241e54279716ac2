// The order of env: as given, except that a variable another one's value refers to as
// `$(NAME)` comes first, since the kubelet expands references to earlier variables only
// (pkg/kubelet/kubelet_pods.go: makeEnvironmentVariables, which expands each variable with
// third_party/forked/golang/expansion/expand.go: Expand over the ones before it). Go's jsii runtime
// sorts map keys and a Java Map.of has no order, so the given order cannot carry meaning.
import { EnvFieldPaths, EnvValue } from '../src';
import { find, synthService, withContainer } from './helpers';

const envOf = (env: Record<string, EnvValue>): Array<{ name: string; value?: string }> =>
  find(synthService(withContainer({ env })).manifests, 'StatefulSet').spec.template.spec.containers[0].env;
const names = (env: Record<string, EnvValue>) => envOf(env).map((v) => v.name);
const literal = EnvValue.literal;

test('without references, the order given', () => {
  expect(names({ Z: literal('1'), A: literal('2'), M: literal('3') })).toEqual(['Z', 'A', 'M']);
});

test('a variable referred to comes before the one that refers to it, the rest keeps its order', () => {
  // As Go would give them: sorted by name.
  const env = {
    DATA_DIR: literal('$(HOME_DIR)/data'),
    HOME_DIR: literal('/var/lib/app'),
    LOG: literal('$(DATA_DIR)/app.log'),
    POD: EnvValue.field(EnvFieldPaths.POD_NAME),
    URL: literal('http://$(POD).example:8080'),
  };
  expect(names(env)).toEqual(['HOME_DIR', 'DATA_DIR', 'LOG', 'POD', 'URL']);
});

test('escaped references ($$), unknown names and self-references move nothing', () => {
  expect(
    names({ B: literal('$$(A) costs $5'), A: literal('a'), C: literal('$(NOT_HERE)'), D: literal('$(D)') }),
  ).toEqual(['B', 'A', 'C', 'D']);
});

test('a cycle is written whole, each variable once', () => {
  const out = names({ A: literal('$(B)'), B: literal('$(A)'), C: literal('c') });
  expect([...out].sort()).toEqual(['A', 'B', 'C']);
  expect(out).toHaveLength(3);
});

test('the values are unchanged', () => {
  expect(envOf({ B: literal('$(A)/x'), A: literal('/a') })).toEqual([
    { name: 'A', value: '/a' },
    { name: 'B', value: '$(A)/x' },
  ]);
});
