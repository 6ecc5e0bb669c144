#!/usr/bin/env python3
# Writes ProsaSttEndpointBuilderFactory (the Java Endpoint DSL builder, in the shape of Camel's generated ones) from the
# component JSON. Run from the project root after the component is built:
#   python3 camel-prosa-stt/src/build/endpoint-dsl/gen.py
# EndpointDslTest fails when the builder and prosa-stt.json disagree.
import json,textwrap,re,sys,os
HERE=os.path.dirname(os.path.abspath(__file__))
MODULE=os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
d=json.load(open(os.path.join(MODULE,'src/generated/resources/META-INF/com/camelprosa/component/prosastt/prosa-stt.json')))
comp=d['component']; props=d['properties']; headers=d['headers']
def jd(lines, indent):
    pad=' '*indent
    out=pad+'/**\n'
    for l in lines:
        if l=='':
            out+=pad+' * \n'
        else:
            for w in textwrap.wrap(l, width=max(40, 80-indent-3)) or ['']:
                out+=pad+' * '+w+'\n'
    return out+pad+' */\n'
def esc(s): return s.replace('<','&lt;').replace('>','&gt;').replace('*/','* /')
def methods(name,p,builder):
    jt=p['javaType']; out=''
    group=p.get('group','producer'); label=p.get('label','')
    grp=group+(' (advanced)' if 'advanced' in label and group!='advanced' else '')
    base=[esc(p['description']),'']
    tail=[]
    if p.get('required'): tail.append('Required: true')
    if 'defaultValue' in p: tail.append('Default: '+esc(str(p['defaultValue']).lower() if isinstance(p['defaultValue'],bool) else str(p['defaultValue'])))
    tail.append('Group: '+grp)
    tail+=['', '@param '+name+' the value to set','@return the dsl builder']
    out+=jd(base+['The option is a: &lt;code&gt;'+esc(jt)+'&lt;/code&gt; type.','']+tail, 8)
    out+='        default %s %s(%s %s) {\n            doSetProperty("%s", %s);\n            return this;\n        }\n'%(builder,name,jt,name,name,name)
    if jt!='java.lang.String':
        out+=jd(base+['The option will be converted to a &lt;code&gt;'+esc(jt)+'&lt;/code&gt; type.','']+tail, 8)
        out+='        default %s %s(String %s) {\n            doSetProperty("%s", %s);\n            return this;\n        }\n'%(builder,name,name,name,name)
    return out
basic='';adv=''
for name,p in props.items():
    if p['kind']=='path': continue
    isadv='advanced' in p.get('label','') or p.get('group')=='advanced'
    if isadv: adv+=methods(name,p,'AdvancedProsaSttEndpointBuilder')
    else: basic+=methods(name,p,'ProsaSttEndpointBuilder')
hdr=''
for h,p in headers.items():
    m=h[len('Camel'):] if h.startswith('Camel') else h
    m=m[0].lower()+m[1:]
    hdr+=jd([esc(p['description']),'','The option is a: {@code '+p['javaType']+'} type.','','Group: '+p.get('group','producer'),'','@return the name of the header {@code '+h[len('Camel'):]+'}.'],8)
    hdr+='        public String %s() {\n            return "%s";\n        }\n'%(m,h)
path=[(n,p) for n,p in props.items() if p['kind']=='path'][0]
meta=['Prosa.ai Speech-to-Text (camel-prosa-stt)', esc(comp['description']), '', 'Category: '+comp['label'], 'Since: '+comp['firstVersion'], 'Maven coordinates: '+comp['groupId']+':'+comp['artifactId'], '', 'Syntax: <code>'+comp['syntax']+'</code>', '', 'Path parameter: '+path[0]+(' (required)' if path[1].get('required') else ''), esc(path[1]['description']), '']
J1=jd(meta+["@return the dsl builder for the headers' name."],8)
J2=jd(meta+['@param path '+path[0],'@return the dsl builder'],8)
J3=jd(meta+['@param componentName to use a custom component name for the endpoint instead of the default name','@param path '+path[0],'@return the dsl builder'],8)
src=open(os.path.join(HERE,'ProsaSttEndpointBuilderFactory.java.template')).read()
for k,v in dict(DESC=esc(comp['description']),BASIC=basic,ADV=adv,J1=J1,J2=J2,J3=J3,HDR=hdr).items():
    src=src.replace('@@'+k+'@@',v)
src=src.replace('(java.lang.String ', '(String ')
out=sys.argv[1] if len(sys.argv)>1 else os.path.join(MODULE,'src/main/java/com/camelprosa/component/prosastt/dsl/ProsaSttEndpointBuilderFactory.java')
open(out,'w').write(src)
print('wrote', out)
