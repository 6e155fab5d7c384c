import { render, Component, createRef } from "preact";
class A extends Component<{}, {a: number}> { r = createRef(); state = {a: 0}; componentDidUpdate() {} render() { return <button ref={this.r} onClick={() => this.setState({a: this.state.a + 1})}>{this.state.a}</button>; } }
render(<A />, document.body);
