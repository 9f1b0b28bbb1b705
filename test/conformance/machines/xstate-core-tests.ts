/**
 * Machines from XState's own test suite (packages/core/test), copied verbatim
 * from statelyai/xstate at b1811bf77b. Each names the test it comes from.
 */
import type { ConformanceMachine } from '../harness.ts';

export const xstateCoreTests: ConformanceMachine[] = [
  {
    name: "core/history-shallow-explicit",
    // should go to the most recently visited state (explicit shallow history type)
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/history.test.ts#L7',
    config: {
      initial: 'on',
      states: {
        on: {
          initial: 'first',
          states: {
            first: {
              on: { SWITCH: 'second' }
            },
            second: {},
            hist: {
              type: 'history',
              history: 'shallow'
            }
          },
          on: {
            POWER: 'off'
          }
        },
        off: {
          on: { POWER: 'on.hist' }
        }
      }
    },
  },
  {
    name: "core/history-transient",
    // should go to the most recently visited state by a transient transition
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/history.test.ts#L128',
    config: {
      initial: 'idle',
      states: {
        idle: {
          id: 'idle',
          initial: 'absent',
          states: {
            absent: {
              on: {
                DEPLOY: '#deploy'
              }
            },
            present: {
              on: {
                DEPLOY: '#deploy',
                DESTROY: '#destroy'
              }
            },
            hist: {
              type: 'history'
            }
          }
        },
        deploy: {
          id: 'deploy',
          on: {
            SUCCESS: 'idle.present',
            FAILURE: 'idle.hist'
          }
        },
        destroy: {
          id: 'destroy',
          always: [{ target: 'idle.absent' }]
        }
      }
    },
  },
  {
    name: "core/history-initial-of-machine",
    // should go to the configured default target when a history state is the initial state of the machine
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/history.test.ts#L220',
    config: {
      initial: 'foo',
      states: {
        foo: {
          type: 'history',
          target: 'bar'
        },
        bar: {}
      }
    },
  },
  {
    name: "core/history-deepest",
    // should go to the deepest history
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/history.test.ts#L781',
    config: {
      initial: 'on',
      states: {
        off: {
          on: {
            POWER: 'on.history'
          }
        },
        on: {
          initial: 'first',
          states: {
            first: {
              on: { SWITCH: 'second' }
            },
            second: {
              initial: 'A',
              states: {
                A: {
                  on: { INNER: 'B' }
                },
                B: {
                  initial: 'P',
                  states: {
                    P: {
                      on: { INNER: 'Q' }
                    },
                    Q: {}
                  }
                }
              }
            },
            history: { history: 'deep' }
          },
          on: {
            POWER: 'off'
          }
        }
      }
    },
  },
  {
    name: "core/history-first-level",
    // should remember first level state history
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/history.test.ts#L906',
    config: {
      initial: 'off',
      states: {
        off: {
          on: {
            SWITCH: 'on',
            DEEP_POWER: 'on.deepHistory'
          }
        },
        on: {
          type: 'parallel',
          states: {
            A: {
              initial: 'B',
              states: {
                B: {
                  on: { INNER_A: 'C' }
                },
                C: {
                  initial: 'D',
                  states: {
                    D: {},
                    E: {}
                  }
                },
                hist: { history: true },
                deepHistory: {
                  history: 'deep'
                }
              }
            },
            K: {
              initial: 'L',
              states: {
                L: {},
                M: {},
                hist: { history: true },
                deepHistory: {
                  history: 'deep'
                }
              }
            },
            deepHistory: {
              history: 'deep'
            }
          },
          on: {
            POWER: 'off'
          }
        }
      }
    },
  },
  {
    name: "core/history-parallel-full",
    // should re-enter a parallel with full history
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/history.test.ts#L1246',
    config: {
      initial: 'off',
      states: {
        off: {
          on: {
            SWITCH: 'on',
            PARALLEL_DEEP_HISTORY: [
              { target: ['on.A.deepHistory', 'on.K.deepHistory'] }
            ]
          }
        },
        on: {
          type: 'parallel',
          states: {
            A: {
              initial: 'B',
              states: {
                B: {
                  on: { INNER_A: 'C' }
                },
                C: {
                  initial: 'D',
                  states: {
                    D: {
                      on: { INNER_A: 'E' }
                    },
                    E: {}
                  }
                },
                hist: { history: true },
                deepHistory: {
                  history: 'deep'
                }
              }
            },
            K: {
              initial: 'L',
              states: {
                L: {
                  on: { INNER_K: 'M' }
                },
                M: {
                  initial: 'N',
                  states: {
                    N: {
                      on: { INNER_K: 'O' }
                    },
                    O: {}
                  }
                },
                hist: { history: true },
                deepHistory: {
                  history: 'deep'
                }
              }
            },
            hist: {
              history: true
            },
            shallowHistory: {
              history: 'shallow'
            },
            deepHistory: {
              history: 'deep'
            }
          },
          on: {
            POWER: 'off'
          }
        }
      }
    },
  },
  {
    name: "core/deep-exit-enter",
    // should exit deep and enter deep (D_P)
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/deep.test.ts#L302',
    config: {
        id: 'deep',
        initial: 'A',
        states: {
          A: {
            initial: 'B',
            states: {
              B: {
                initial: 'C',
                states: {
                  C: {
                    initial: 'D',
                    states: {
                      D: {
                        on: {
                          D_P: '#deep.P'
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          P: {
            initial: 'Q',
            states: {
              Q: {
                initial: 'R',
                states: {
                  R: {
                    initial: 'S',
                    states: {
                      S: {}
                    }
                  }
                }
              }
            }
          }
        }
      },
  },
  {
    name: "core/final-nested-parallel-done",
    // should emit a done state event for a parallel state when its parallel children reach their final states
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/final.test.ts#L269',
    config: {
      initial: 'first',
      states: {
        first: {
          type: 'parallel',
          states: {
            alpha: {
              type: 'parallel',
              states: {
                one: {
                  initial: 'start',
                  states: {
                    start: {
                      on: {
                        finish_one_alpha: 'finish'
                      }
                    },
                    finish: {
                      type: 'final'
                    }
                  }
                },
                two: {
                  initial: 'start',
                  states: {
                    start: {
                      on: {
                        finish_two_alpha: 'finish'
                      }
                    },
                    finish: {
                      type: 'final'
                    }
                  }
                }
              }
            },
            beta: {
              type: 'parallel',
              states: {
                third: {
                  initial: 'start',
                  states: {
                    start: {
                      on: {
                        finish_three_beta: 'finish'
                      }
                    },
                    finish: {
                      type: 'final'
                    }
                  }
                },
                fourth: {
                  initial: 'start',
                  states: {
                    start: {
                      on: {
                        finish_four_beta: 'finish'
                      }
                    },
                    finish: {
                      type: 'final'
                    }
                  }
                }
              }
            }
          },
          onDone: 'done'
        },
        done: {
          type: 'final'
        }
      }
    },
  },
  {
    name: "core/final-parallel-in-parallel",
    // should reach a final state when a parallel state nested in a parallel state reaches its final state and transitions to a top-level final state in response to that
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/final.test.ts#L553',
    config: {
      initial: 'a',
      states: {
        a: {
          type: 'parallel',
          onDone: 'b',
          states: {
            a1: {
              type: 'parallel',
              states: {
                a1a: { type: 'final' },
                a1b: { type: 'final' }
              }
            },
            a2: {
              initial: 'a2a',
              states: { a2a: { type: 'final' } }
            }
          }
        },
        b: {
          type: 'final'
        }
      }
    },
  },
  {
    name: "core/final-null-output-root",
    // should be possible to complete with a null output (directly on root)
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/final.test.ts#L1250',
    config: {
      initial: 'start',
      states: {
        start: {
          on: {
            NEXT: 'end'
          }
        },
        end: {
          type: 'final'
        }
      },
      output: null
    },
  },
  {
    name: "core/reenter-self",
    // parent state should only exit/reenter if there is an explicit self-transition
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/internalTransitions.test.ts#L72',
    config: {
      initial: 'foo',
      states: {
        foo: {
          initial: 'a',
          states: {
            a: {
              on: {
                NEXT: 'b'
              }
            },
            b: {}
          },
          on: {
            RESET: {
              target: 'foo',
              reenter: true
            }
          }
        }
      }
    },
  },
  {
    name: "core/initial-deep-parallel",
    // should return the correct initial state (deep parallel)
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/initial.test.ts#L74',
    config: {
      initial: 'one',
      states: {
        one: {
          type: 'parallel',
          states: {
            foo: {
              initial: 'a',
              states: {
                a: {
                  initial: 'b',
                  states: {
                    b: {
                      initial: 'c',
                      states: {
                        c: {}
                      }
                    }
                  }
                },
                leaf: {}
              }
            },
            bar: {
              initial: 'a',
              states: {
                a: {
                  initial: 'b',
                  states: {
                    b: {
                      initial: 'c',
                      states: {
                        c: {}
                      }
                    }
                  }
                },
                leaf: {}
              }
            }
          }
        },
        two: {
          type: 'parallel',
          states: {
            foo: {
              initial: 'a',
              states: {
                a: {
                  initial: 'b',
                  states: {
                    b: {
                      initial: 'c',
                      states: {
                        c: {}
                      }
                    }
                  }
                },
                leaf: {}
              }
            },
            bar: {
              initial: 'a',
              states: {
                a: {
                  initial: 'b',
                  states: {
                    b: {
                      initial: 'c',
                      states: {
                        c: {}
                      }
                    }
                  }
                },
                leaf: {}
              }
            }
          }
        }
      }
    },
  },
  {
    name: "core/tags-parallel",
    // supports tags in parallel states
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/tags.test.ts#L66',
    config: {
      type: 'parallel',
      states: {
        foo: {
          initial: 'active',
          states: {
            active: {
              tags: 'yes'
            },
            inactive: {
              tags: 'no'
            }
          }
        },
        bar: {
          initial: 'active',
          states: {
            active: {
              tags: 'yes',
              on: {
                DEACTIVATE: 'inactive'
              }
            },
            inactive: {
              tags: 'no'
            }
          }
        }
      }
    },
  },
  {
    name: "core/after-nested-initial",
    // should be able to transition with delay from nested initial state
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/after.test.ts#L91',
    config: {
      initial: 'nested',
      states: {
        nested: {
          initial: 'wait',
          states: {
            wait: {
              after: {
                10: '#end'
              }
            }
          }
        },
        end: {
          id: 'end',
          type: 'final'
        }
      }
    },
  },
  {
    name: "core/document-order",
    // should specify the correct document order for each state node
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/order.test.ts#L5',
    config: {
      id: 'order',
      initial: 'one',
      states: {
        one: {
          initial: 'two',
          states: {
            two: {},
            three: {
              initial: 'four',
              states: {
                four: {},
                five: {
                  initial: 'six',
                  states: {
                    six: {}
                  }
                }
              }
            }
          }
        },
        seven: {
          type: 'parallel',
          states: {
            eight: {
              initial: 'nine',
              states: {
                nine: {},
                ten: {
                  initial: 'eleven',
                  states: {
                    eleven: {},
                    twelve: {}
                  }
                }
              }
            },
            thirteen: {
              type: 'parallel',
              states: {
                fourteen: {},
                fifteen: {}
              }
            }
          }
        }
      }
    },
  },
  {
    name: "core/always-follow",
    // should follow always transition
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/machine.test.ts#L312',
    config: {
        initial: 'a',
        states: {
          a: {
            always: [{ target: 'b' }]
          },
          b: {}
        }
      },
  },
  {
    name: "core/parallel-composer",
    // (describe-level machine)
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/parallel.test.ts#L6',
    config: {
  initial: 'ReadOnly',
  states: {
    ReadOnly: {
      id: 'ReadOnly',
      initial: 'StructureEdit',
      entry: ['selectNone'],
      states: {
        StructureEdit: {
          id: 'StructureEditRO',
          type: 'parallel',
          on: {
            switchToProjectManagement: [
              {
                target: 'ProjectManagement'
              }
            ]
          },
          states: {
            SelectionStatus: {
              initial: 'SelectedNone',
              on: {
                singleClickActivity: [
                  {
                    target: '.SelectedActivity',
                    actions: ['selectActivity']
                  }
                ],
                singleClickLink: [
                  {
                    target: '.SelectedLink',
                    actions: ['selectLink']
                  }
                ]
              },
              states: {
                SelectedNone: {
                  entry: ['redraw']
                },
                SelectedActivity: {
                  entry: ['redraw'],
                  on: {
                    singleClickCanvas: [
                      {
                        target: 'SelectedNone',
                        actions: ['selectNone']
                      }
                    ]
                  }
                },
                SelectedLink: {
                  entry: ['redraw'],
                  on: {
                    singleClickCanvas: [
                      {
                        target: 'SelectedNone',
                        actions: ['selectNone']
                      }
                    ]
                  }
                }
              }
            },
            ClipboardStatus: {
              initial: 'Empty',
              states: {
                Empty: {
                  entry: ['emptyClipboard'],
                  on: {
                    cutInClipboardSuccess: [
                      {
                        target: 'FilledByCut'
                      }
                    ],
                    copyInClipboardSuccess: [
                      {
                        target: 'FilledByCopy'
                      }
                    ]
                  }
                },
                FilledByCopy: {
                  on: {
                    cutInClipboardSuccess: [
                      {
                        target: 'FilledByCut'
                      }
                    ],
                    copyInClipboardSuccess: [
                      {
                        target: 'FilledByCopy'
                      }
                    ],
                    pasteFromClipboardSuccess: [
                      {
                        target: 'FilledByCopy'
                      }
                    ]
                  }
                },
                FilledByCut: {
                  on: {
                    cutInClipboardSuccess: [
                      {
                        target: 'FilledByCut'
                      }
                    ],
                    copyInClipboardSuccess: [
                      {
                        target: 'FilledByCopy'
                      }
                    ],
                    pasteFromClipboardSuccess: [
                      {
                        target: 'Empty'
                      }
                    ]
                  }
                }
              }
            }
          }
        },
        ProjectManagement: {
          id: 'ProjectManagementRO',
          type: 'parallel',
          on: {
            switchToStructureEdit: [
              {
                target: 'StructureEdit'
              }
            ]
          },
          states: {
            SelectionStatus: {
              initial: 'SelectedNone',
              on: {
                singleClickActivity: [
                  {
                    target: '.SelectedActivity',
                    actions: ['selectActivity']
                  }
                ],
                singleClickLink: [
                  {
                    target: '.SelectedLink',
                    actions: ['selectLink']
                  }
                ]
              },
              states: {
                SelectedNone: {
                  entry: ['redraw']
                },
                SelectedActivity: {
                  entry: ['redraw'],
                  on: {
                    singleClickCanvas: [
                      {
                        target: 'SelectedNone',
                        actions: ['selectNone']
                      }
                    ]
                  }
                },
                SelectedLink: {
                  entry: ['redraw'],
                  on: {
                    singleClickCanvas: [
                      {
                        target: 'SelectedNone',
                        actions: ['selectNone']
                      }
                    ]
                  }
                }
              }
            }
          }
        }
      }
    }
  }
},
  },
  {
    name: "core/parallel-history-done",
    // should raise a "xstate.done.state.*" event when a pseudostate of a history type is directly on a parallel state
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/parallel.test.ts#L1126',
    config: {
      initial: 'parallelSteps',
      states: {
        parallelSteps: {
          type: 'parallel',
          states: {
            hist: {
              type: 'history'
            },
            one: {
              initial: 'wait_one',
              states: {
                wait_one: {
                  on: {
                    finish_one: {
                      target: 'done'
                    }
                  }
                },
                done: {
                  type: 'final'
                }
              }
            },
            two: {
              initial: 'wait_two',
              states: {
                wait_two: {
                  on: {
                    finish_two: {
                      target: 'done'
                    }
                  }
                },
                done: {
                  type: 'final'
                }
              }
            }
          },
          onDone: 'finished'
        },
        finished: {}
      }
    },
  },
  {
    name: "core/ids-and-relative",
    // (describe-level machine)
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/id.test.ts#L9',
    config: {
  initial: 'A',
  states: {
    A: {
      id: 'A',
      initial: 'foo',
      states: {
        foo: {
          id: 'A_foo',
          on: {
            NEXT: '#A_bar'
          }
        },
        bar: {
          id: 'A_bar',
          on: {
            NEXT: '#B_foo'
          }
        }
      },
      on: {
        NEXT_DOT_RESOLVE: '#B.bar'
      }
    },
    B: {
      id: 'B',
      initial: 'foo',
      states: {
        foo: {
          id: 'B_foo',
          on: {
            NEXT: '#B_bar',
            NEXT_DOT: '#B.dot'
          }
        },
        bar: {
          id: 'B_bar',
          on: {
            NEXT: '#A_foo'
          }
        },
        dot: {}
      }
    }
  }
},
  },
  {
    name: "core/wildcard-explicit-first",
    // should prioritize explicit descriptor even if wildcard comes first
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/eventDescriptors.test.ts#L25',
    config: {
      initial: 'A',
      states: {
        A: {
          on: {
            '*': 'fail',
            NEXT: 'pass'
          }
        },
        fail: {},
        pass: {}
      }
    },
  },
  {
    name: "core/wildcard-multi-prefix",
    // should support prefix matching with wildcards (+n, multi-prefix)
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/eventDescriptors.test.ts#L243',
    config: {
      initial: 'start',
      states: {
        start: {
          on: {
            'event.foo.bar.*': 'success'
          }
        },
        success: {
          type: 'final'
        }
      }
    },
  },
  {
    name: "core/wildcard-no-infix",
    // should not match infix wildcards
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/eventDescriptors.test.ts#L267',
    config: {
      initial: 'start',
      states: {
        start: {
          on: {
            'event.*.bar.*': 'success',
            '*.event.*': 'success'
          }
        },
        success: {
          type: 'final'
        }
      }
    },
  },
  {
    name: "core/wildcard-not-tokenized",
    // should NOT support non-tokenized wildcards
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/eventDescriptors.test.ts#L131',
    config: {
      initial: 'start',
      states: {
        start: {
          on: {
            'event*': 'success'
          }
        },
        success: {
          type: 'final'
        }
      }
    },
  },
  {
    name: "core/always-not-wildcard",
    // should not select wildcard for eventless transition
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/transient.test.ts#L353',
    config: {
      initial: 'a',
      states: {
        a: {
          on: { FOO: 'b' }
        },
        b: {
          always: 'pass',
          on: {
            '*': 'fail'
          }
        },
        fail: {},
        pass: {}
      }
    },
  },
  {
    name: "core/history-multiple",
    // should re-enter multiple history states
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/history.test.ts#L1066',
    config: {
      initial: 'off',
      states: {
        off: {
          on: {
            SWITCH: 'on',
            PARALLEL_HISTORY: [{ target: ['on.A.hist', 'on.K.hist'] }]
          }
        },
        on: {
          type: 'parallel',
          states: {
            A: {
              initial: 'B',
              states: {
                B: {
                  on: { INNER_A: 'C' }
                },
                C: {
                  initial: 'D',
                  states: {
                    D: {
                      on: { INNER_A: 'E' }
                    },
                    E: {}
                  }
                },
                hist: { history: true },
                deepHistory: {
                  history: 'deep'
                }
              }
            },
            K: {
              initial: 'L',
              states: {
                L: {
                  on: { INNER_K: 'M' }
                },
                M: {
                  initial: 'N',
                  states: {
                    N: {
                      on: { INNER_K: 'O' }
                    },
                    O: {}
                  }
                },
                hist: { history: true },
                deepHistory: {
                  history: 'deep'
                }
              }
            },
            hist: {
              history: true
            },
            shallowHistory: {
              history: 'shallow'
            },
            deepHistory: {
              history: 'deep'
            }
          },
          on: {
            POWER: 'off'
          }
        }
      }
    },
  },
  {
    name: "core/history-ignores-parallel",
    // should ignore parallel state history
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/history.test.ts#L840',
    config: {
      initial: 'off',
      states: {
        off: {
          on: {
            SWITCH: 'on',
            POWER: 'on.hist'
          }
        },
        on: {
          type: 'parallel',
          states: {
            A: {
              initial: 'B',
              states: {
                B: {
                  on: { INNER_A: 'C' }
                },
                C: {
                  initial: 'D',
                  states: {
                    D: {},
                    E: {}
                  }
                },
                hist: { history: true }
              }
            },
            K: {
              initial: 'L',
              states: {
                L: {},
                M: {},
                hist: { history: true },
                deepHistory: {
                  history: 'deep'
                }
              }
            },
            hist: {
              history: true
            }
          },
          on: {
            POWER: 'off'
          }
        }
      }
    },
  },
  {
    name: "core/parallel-orthogonal-regions",
    // regions should be able to transition to orthogonal regions
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/parallel.test.ts#L961',
    config: {
        type: 'parallel',
        states: {
          Pages: {
            initial: 'About',
            states: {
              About: {
                id: 'About'
              },
              Dashboard: {
                id: 'Dashboard'
              }
            }
          },
          Menu: {
            initial: 'Closed',
            states: {
              Closed: {
                id: 'Closed',
                on: {
                  toggle: '#Opened'
                }
              },
              Opened: {
                id: 'Opened',
                on: {
                  toggle: '#Closed',
                  'go to dashboard': {
                    target: ['#Dashboard', '#Opened']
                  }
                }
              }
            }
          }
        }
      },
  },
  {
    name: "core/parallel-reenter-region",
    // source parallel region should be reentered when a transition within it targets another parallel region (parallel root)
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/parallel.test.ts#L1181',
    config: {
      type: 'parallel',
      states: {
        Operation: {
          initial: 'Waiting',
          states: {
            Waiting: {
              on: {
                TOGGLE_MODE: {
                  target: '#Demo'
                }
              }
            },
            Fetching: {}
          }
        },
        Mode: {
          initial: 'Normal',
          states: {
            Normal: {},
            Demo: {
              id: 'Demo'
            }
          }
        }
      }
    },
  },
  {
    name: "core/final-compound-in-parallel",
    // should emit a done state event for a parallel state when its compound child reaches its final state when the other parallel child region is already in its final state
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/final.test.ts#L365',
    config: {
      initial: 'first',
      states: {
        first: {
          type: 'parallel',
          states: {
            alpha: {
              type: 'parallel',
              states: {
                one: {
                  initial: 'start',
                  states: {
                    start: {
                      on: {
                        finish_one_alpha: 'finish'
                      }
                    },
                    finish: {
                      type: 'final'
                    }
                  }
                },
                two: {
                  initial: 'start',
                  states: {
                    start: {
                      on: {
                        finish_two_alpha: 'finish'
                      }
                    },
                    finish: {
                      type: 'final'
                    }
                  }
                }
              }
            },
            beta: {
              initial: 'three',
              states: {
                three: {
                  on: {
                    finish_beta: 'finish'
                  }
                },
                finish: {
                  type: 'final'
                }
              }
            }
          },
          onDone: 'done'
        },
        done: {
          type: 'final'
        }
      }
    },
  },
  {
    name: "core/initial-parallel",
    // should return the correct initial state (parallel)
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/initial.test.ts#L28',
    config: {
      type: 'parallel',
      states: {
        foo: {
          initial: 'a',
          states: {
            a: {
              initial: 'b',
              states: {
                b: {
                  initial: 'c',
                  states: {
                    c: {}
                  }
                }
              }
            },
            leaf: {}
          }
        },
        bar: {
          initial: 'a',
          states: {
            a: {
              initial: 'b',
              states: {
                b: {
                  initial: 'c',
                  states: {
                    c: {}
                  }
                }
              }
            },
            leaf: {}
          }
        }
      }
    },
  },
  {
    name: "core/deep-enter-deep-target",
    // should exit deep and enter deep when targeting a deep state
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/deep.test.ts#L431',
    config: {
        id: 'root',
        initial: 'A',
        states: {
          A: {
            initial: 'B',
            states: {
              B: {
                initial: 'C',
                states: {
                  C: {
                    initial: 'D',
                    states: {
                      D: {
                        on: {
                          D_S: '#root.P.Q.R.S'
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          P: {
            initial: 'Q',
            states: {
              Q: {
                initial: 'R',
                states: {
                  R: {
                    initial: 'S',
                    states: {
                      S: {}
                    }
                  }
                }
              }
            }
          }
        }
      },
  },
  {
    name: "core/top-level-events",
    // should listen to events declared at top state
    source: 'https://github.com/statelyai/xstate/blob/b1811bf77bc2d1a74367328cec7907aa185b70df/packages/core/test/internalTransitions.test.ts#L153',
    config: {
      initial: 'foo',
      on: {
        CLICKED: '.bar'
      },
      states: {
        foo: {},
        bar: {}
      }
    },
  },
];
