package dev.saraf.nn;

/**
 * Bad input met inside a module's forward, with the dotted path of the layer that rejected it:
 * {@code "Linear at 'features.3': linear: input [2, 5] must end in 4 features ..."}. The path grows
 * as the exception passes up through each parent's {@link Module#forward}.
 */
public final class LayerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String layerType;
    private transient Module top;
    private String path;

    LayerException(Module thrower, IllegalArgumentException cause) {
        super(cause.getMessage(), cause);
        this.layerType = thrower.typeName();
        this.top = thrower;
        this.path = "";
    }

    /** Called by {@code parent}'s forward as the exception leaves it: prefixes the child's name. */
    LayerException within(Module parent) {
        for (java.util.Map.Entry<String, Module> c : parent.children().entrySet()) {
            if (c.getValue() == top) {
                path = path.isEmpty() ? c.getKey() : c.getKey() + "." + path;
                top = parent;
                break;
            }
        }
        return this;
    }

    /** The dotted path of the failing layer below the outermost module ({@code ""} for that module itself). */
    public String path() {
        return path;
    }

    /** The failing layer's type name. */
    public String layerType() {
        return layerType;
    }

    @Override
    public String getMessage() {
        String where = path.isEmpty() ? layerType : layerType + " at '" + path + "'";
        return where + ": " + getCause().getMessage();
    }
}
